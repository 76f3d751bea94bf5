// Type-aware lint for the whole workspace. Package boundaries are part of the architecture:
// a package is used only through its public entry, and imports never form cycles.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/generated/**', '.microseg/**', '**/dist/**', '**/__fixtures__/**', 'helm/**', 'k8s/**', 'docs/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Plugin and handler APIs expect async functions even where one has nothing to await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // A service's `config` entry is public too: the configuration reference is generated from it. So is a
            // library's `onnx` entry: its ONNX Runtime side, which loads no TensorFlow.js.
            { group: ['@microseg/*/*', '!@microseg/*/config', '!@microseg/*/onnx'], message: 'import a package through its public entry only' },
            { group: ['**/libs/*/src/**', '**/services/*/src/**'], message: 'no relative imports across packages' },
          ],
        },
      ],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**', '**/bin/**', 'libs/cli/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
