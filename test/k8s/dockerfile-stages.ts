import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { ROOT } from './rendered-overlays.ts';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, flags included, on one line. */
  args: string;
}

export interface Stage {
  name: string;
  /** The base: another stage's name or an image reference with build arguments resolved. */
  base: string;
  instructions: Instruction[];
}

/** The root Dockerfile as stages, with the global ARG defaults substituted into the FROM lines. */
export function readDockerfileStages(path = resolve(ROOT, 'Dockerfile')): { globalArgs: Map<string, string>; stages: Stage[] } {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    // The whole instruction less its keyword, flags included (COPY --from), continuations joined.
    const args = instruction.getTextContent().slice(keyword.length).replace(/\\\r?\n\s*/g, ' ').trim();
    const current = stages.at(-1);
    if (keyword === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      if (as?.toUpperCase() !== 'AS' || !name) throw new Error(`FROM ${args}: every stage is named`);
      const base = image.replace(/\$\{(\w+)\}/g, (_, arg: string) => globalArgs.get(arg) ?? `\${${arg}}`);
      stages.push({ name, base, instructions: [] });
    } else if (current) {
      current.instructions.push({ keyword, args });
    } else if (keyword === 'ARG') {
      const [key, value] = args.split('=', 2) as [string, string | undefined];
      if (value !== undefined) globalArgs.set(key, value);
    }
  }
  return { globalArgs, stages };
}

/** The instructions a stage inherits and adds, following its bases through the file. */
export function effectiveInstructions(stages: Stage[], name: string): Instruction[] {
  const stage = stages.find((s) => s.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  const parent = stages.find((s) => s.name === stage.base);
  return [...(parent ? effectiveInstructions(stages, parent.name) : []), ...stage.instructions];
}

/** The image a stage ends up on (its first base that is not another stage). */
export function baseImage(stages: Stage[], name: string): string {
  const stage = stages.find((s) => s.name === name)!;
  return stages.some((s) => s.name === stage.base) ? baseImage(stages, stage.base) : stage.base;
}
