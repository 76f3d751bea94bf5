/** The paper whose networks, recipe and benchmark MicroSeg reproduces: cited by every package it exports. */
export const MICRONET_CITATION = {
  text: 'Stuckner, J., Harder, B. & Smith, T. M. Microstructure segmentation with deep learning encoders pre-trained on a large microscopy dataset. npj Comput. Mater. 8, 200 (2022).',
  doi: '10.1038/s41524-022-00878-5',
} as const;
