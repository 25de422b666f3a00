import { describe, expect, it } from 'vitest';
import { COMMAND_SUMMARIES } from './command-summaries.ts';
import type { CliIo } from './command.ts';
import { main } from './main.ts';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (text) => { out += text; }, stderr: (text) => { err += text; }, cwd: process.cwd(), env: {} },
    out: () => out,
    err: () => err,
  };
}

describe('stalkerbench (main)', () => {
  it('--help lists every command with the summary the command itself carries, exit 0', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    for (const name of Object.keys(COMMAND_SUMMARIES)) {
      const help = capture();
      expect(await main([name, '--help'], help.io)).toBe(0);
      expect(help.out()).toMatch(/usage: /);
      const line = out().split('\n').find((l) => l.trimStart().startsWith(`${name} `));
      expect(line, name).toBeDefined();
      const { command } = await import(`./${name}.ts`) as { command: { summary: string } };
      expect(line?.trim().slice(name.length).trim()).toBe(command.summary);
    }
  });

  it('no command prints the overview and exits 2; an unknown one names the fix', async () => {
    const none = capture();
    expect(await main([], none.io)).toBe(2);
    expect(none.out()).toMatch(/^usage: stalkerbench <command>/);
    const unknown = capture();
    expect(await main(['rnu'], unknown.io)).toBe(2);
    expect(unknown.err()).toMatch(/unknown command 'rnu'[\s\S]*stalkerbench --help/);
    const inherited = capture();
    expect(await main(['toString'], inherited.io)).toBe(2);
  });
});
