/** A relative URL for an evidence path (validated to stay below evidence/), each segment encoded. */
export function evidenceUrl(base: string, path: string): string {
  return `${base}${path.split('/').map(encodeURIComponent).join('/')}`;
}
