import { describe, expect, it } from 'vitest';
import { parseScript } from './parse.ts';
import { ShellSyntaxError, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('keeps quoted text together and marks it quoted', () => {
    const tokens = tokenize(`echo 'a  b' "c $HOME" d\\ e`);
    expect(tokens.map((token) => token.type)).toEqual(['word', 'word', 'word', 'word']);
    expect(tokens[1]).toEqual({ type: 'word', word: [{ kind: 'literal', text: 'a  b', quoted: true }] });
    expect(tokens[2]).toEqual({ type: 'word', word: [{ kind: 'literal', text: 'c ', quoted: true }, { kind: 'param', name: 'HOME', quoted: true }] });
    expect(tokens[3]).toEqual({ type: 'word', word: [{ kind: 'literal', text: 'd', quoted: false }, { kind: 'literal', text: ' ', quoted: true }, { kind: 'literal', text: 'e', quoted: false }] });
  });

  it('reads operators and fd redirections the way adb clients write them', () => {
    const tokens = tokenize("a&&b||c;d|e 2>/dev/null >&2 2>&1 </dev/null >>f");
    const ops = tokens.filter((token) => token.type !== 'word');
    expect(ops).toEqual([
      { type: 'op', op: '&&' }, { type: 'op', op: '||' }, { type: 'op', op: ';' }, { type: 'op', op: '|' },
      { type: 'redirect', fd: 2, op: '>' }, { type: 'redirect', fd: undefined, op: '>&' },
      { type: 'redirect', fd: 2, op: '>&' }, { type: 'redirect', fd: undefined, op: '<' },
      { type: 'redirect', fd: undefined, op: '>>' },
    ]);
  });

  it('treats an empty quoted string as one empty argument', () => {
    expect(tokenize(`x '' ""`)).toEqual([
      { type: 'word', word: [{ kind: 'literal', text: 'x', quoted: false }] },
      { type: 'word', word: [{ kind: 'literal', text: '', quoted: true }] },
      { type: 'word', word: [{ kind: 'literal', text: '', quoted: true }] },
    ]);
  });

  it('reads ${VAR}, $? and $(…) expansions', () => {
    const [word] = tokenize('${A}$?$(getprop x)');
    expect(word).toEqual({ type: 'word', word: [
      { kind: 'param', name: 'A', quoted: false }, { kind: 'param', name: '?', quoted: false },
      { kind: 'command', source: 'getprop x', quoted: false },
    ] });
  });

  it('rejects an unterminated quote', () => {
    expect(() => tokenize("echo 'abc")).toThrow(ShellSyntaxError);
  });
});

describe('parseScript', () => {
  it('builds and-or lists of pipelines with redirections and assignments', () => {
    const script = parseScript('A=1 B=2 cmd x > out 2>&1 | grep y && echo ok; echo next');
    expect(script).toHaveLength(2);
    const first = script[0];
    expect(first?.first.commands).toHaveLength(2);
    const command = first?.first.commands[0];
    expect(command?.kind).toBe('simple');
    if (command?.kind !== 'simple') return;
    expect(command.assignments.map((assignment) => assignment.name)).toEqual(['A', 'B']);
    expect(command.redirects.map((redirect) => [redirect.fd, redirect.op])).toEqual([[1, '>'], [2, '>&']]);
    expect(first?.rest.map((entry) => entry.op)).toEqual(['&&']);
  });

  it('accepts the trailing separator appium-adb shellChunks leaves', () => {
    expect(parseScript('pm grant p a ; pm grant p b ;')).toHaveLength(2);
  });

  it('keeps `!` as an argument inside test expressions', () => {
    const [list] = parseScript('[ ! -e /x ]');
    expect(list?.first.negate).toBe(false);
    const command = list?.first.commands[0];
    expect(command?.kind === 'simple' ? command.words : []).toHaveLength(5);
  });

  it('parses if/elif/else, while/until, for, groups and subshells', () => {
    const [ifList] = parseScript('if [ -e /x ]; then echo a; elif true; then echo b; else echo c; fi > /dev/null');
    const ifCommand = ifList?.first.commands[0];
    expect(ifCommand?.kind).toBe('if');
    if (ifCommand?.kind !== 'if') return;
    expect(ifCommand.clauses).toHaveLength(2);
    expect(ifCommand.otherwise).toHaveLength(1);
    expect(ifCommand.redirects).toHaveLength(1);
    expect(parseScript('while false; do :; done; until true; do :; done').map((list) => list.first.commands[0]?.kind)).toEqual(['loop', 'loop']);
    const [forList] = parseScript('for p in a b; do echo $p; done');
    expect(forList?.first.commands[0]).toMatchObject({ kind: 'for', name: 'p' });
    expect(parseScript('{ echo a; echo b; } | grep a; (cd /; ls)').map((list) => list.first.commands[0])).toMatchObject([
      { kind: 'group', subshell: false }, { kind: 'group', subshell: true },
    ]);
  });

  it('rejects unbalanced compound commands', () => {
    expect(() => parseScript('if true; then echo a')).toThrow(ShellSyntaxError);
    expect(() => parseScript('echo a; fi')).toThrow(ShellSyntaxError);
    expect(() => parseScript('(echo a')).toThrow(ShellSyntaxError);
    expect(() => parseScript('for 1x in a; do :; done')).toThrow(ShellSyntaxError);
  });

  it('reports a missing pipeline as a syntax error', () => {
    expect(() => parseScript('echo a |')).toThrow(ShellSyntaxError);
    expect(() => parseScript('&& echo a')).toThrow(ShellSyntaxError);
  });
});
