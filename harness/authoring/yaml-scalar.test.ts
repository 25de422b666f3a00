import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatSelector, yamlScalar } from './yaml-scalar.ts';

describe('yamlScalar', () => {
  const samples = [
    'Scan now', 'com.sentinelav.mobile:id/scan_button', '../apks/x.apk', 'true', 'No', '.inf', '42', '2026.11', 'a: b', 'x #y', 'trailing ',
    ' leading', '- dash', '[list]', '{map}', 'quote "in" it', 'back\\slash', 'tab\there', 'line\nbreak', 'Notes\u202Ekpa.exe', 'zero\u200bwidth',
    'ünïcode läbel', '', '*alias', '&anchor', '!tag', '%percent', '@at', '`tick`', "it's", 'a,b', '...',
  ];

  it('reads back as the exact same string in a block mapping and in a flow selector', () => {
    for (const text of samples) {
      expect(parse(`key: ${yamlScalar(text)}\n`), JSON.stringify(text)).toEqual({ key: text });
      expect(parse(`- tap: ${formatSelector('text', text)}\n`), JSON.stringify(text)).toEqual([{ tap: { text } }]);
    }
  });

  it('stays plain where that is unambiguous, and escapes every control and bidirectional character', () => {
    expect(yamlScalar('Scan now')).toBe('Scan now');
    expect(yamlScalar('com.x:id/scan')).toBe('com.x:id/scan');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('Notes\u202Ekpa.exe\n')).toBe('"Notes\\u202ekpa.exe\\u000a"');
  });
});
