/** Parses the full `getprop` listing (`[key]: [value]` lines; values may span lines). */
export function parseGetprop(output: string): Map<string, string> {
  const props = new Map<string, string>();
  const pattern = /^\[([^\]]+)\]: \[([\s\S]*?)\]$/gm;
  for (const match of output.matchAll(pattern)) {
    props.set(match[1] ?? '', match[2] ?? '');
  }
  return props;
}
