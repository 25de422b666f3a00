import type { AttributeTypeAndValue, Name } from '@peculiar/asn1-x509';

/**
 * The subject as `apksigner verify --print-certs` prints "certificate DN": Java's
 * X500Principal#toString, which neither @peculiar/asn1-x509 nor node:crypto (OpenSSL's
 * "CN=Demo\nO=Example", its own attribute names and RFC 2253 backslash escapes) print.
 */

/**
 * Attribute keywords as Java's sun.security.x509.AVAKeyword prints them by default; where Java
 * registers two keywords for one OID (S/ST, EMAIL/EMAILADDRESS, DNQUALIFIER/DNQ) the later wins.
 * Any other attribute prints as OID.<dotted>, where OpenSSL would print its own name.
 */
const KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'T'],
  ['1.3.6.1.4.1.42.2.11.2.1', 'IP'],
  ['2.5.4.9', 'STREET'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['2.5.4.46', 'DNQ'],
  ['2.5.4.4', 'SURNAME'],
  ['2.5.4.42', 'GIVENNAME'],
  ['2.5.4.43', 'INITIALS'],
  ['2.5.4.44', 'GENERATION'],
  ['1.2.840.113549.1.9.1', 'EMAILADDRESS'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['2.5.4.5', 'SERIALNUMBER'],
]);

const ESCAPEES = ',+=\n<>#;\\"';
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]$/;

/** Java's AVA.toKeywordValueString quoting: whole value in quotes when it has specials or odd spaces. */
function quoteValue(value: string): string {
  const alreadyQuoted = value.length > 1 && value.startsWith('"') && value.endsWith('"');
  let quoteNeeded = false;
  let previousWhite = false;
  let out = '';
  for (let index = 0; index < value.length; index++) {
    const char = value.charAt(index);
    if (alreadyQuoted && (index === 0 || index === value.length - 1)) {
      out += char;
      continue;
    }
    const isWhite = char === ' ' || char === '\n';
    if (PRINTABLE.test(char) || ESCAPEES.includes(char)) {
      if (!quoteNeeded && ((index === 0 && isWhite) || ESCAPEES.includes(char))) quoteNeeded = true;
      if (!isWhite) {
        if (char === '"' || char === '\\') out += '\\';
        previousWhite = false;
      } else {
        if (!quoteNeeded && previousWhite) quoteNeeded = true;
        previousWhite = true;
      }
      out += char;
    } else {
      previousWhite = false;
      out += char;
    }
  }
  if (out.endsWith(' ') || out.endsWith('\n')) quoteNeeded = true;
  return !alreadyQuoted && quoteNeeded ? `"${out}"` : out;
}

function formatAttribute({ type, value }: AttributeTypeAndValue): string {
  const keyword = KEYWORDS.get(type) ?? `OID.${type}`;
  // Java decodes TeletexString as ISO-8859-1, as asn1js does.
  const text = value.utf8String ?? value.printableString ?? value.ia5String ?? value.teletexString ?? value.bmpString ?? value.universalString;
  // Values of other types print as '#' and the hex of their DER encoding (RFC 1779).
  if (text === undefined) return `${keyword}=#${Buffer.from(value.anyValue ?? new ArrayBuffer(0)).toString('hex')}`;
  return `${keyword}=${quoteValue(text)}`;
}

/** Relative names last-to-first, joined by ", "; the values of a multi-valued one by " + ". */
export function formatDistinguishedName(name: Name): string {
  return Array.from(name, (relativeName) => Array.from(relativeName, formatAttribute).join(' + '))
    .reverse()
    .join(', ');
}
