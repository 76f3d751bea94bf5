import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.ts';

const names = async (argv?: string[]) => (await buildProgram(argv)).commands.map((command) => command.name());

describe('buildProgram', () => {
  it('registers every command without arguments, for the help or an unknown command', async () => {
    const all = await names();
    expect(all).toEqual(expect.arrayContaining(['admin', 'me', 'keys', 'dataset', 'measure', 'predict', 'train', 'models', 'benchmark']));
    expect(await names(['node', 'microseg', '--help'])).toEqual(all);
    expect(await names(['node', 'microseg', 'no-such-command'])).toEqual(all);
  });

  it('loads only the file of the command the arguments name, past global options and their values', async () => {
    expect(await names(['node', 'microseg', 'predict', 'a.png', '--model', 'm', '--out', 'o'])).toEqual(['predict']);
    expect(await names(['node', 'microseg', '--url', 'http://127.0.0.1:4000/graphql', '--api-key', 'msk_x', 'me'])).toEqual(['admin', 'me', 'keys']);
    expect(await names(['node', 'microseg', '--url=http://127.0.0.1:4000/graphql', 'dataset', 'list'])).toEqual(['dataset']);
  });
});
