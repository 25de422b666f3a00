import { readContent, readDerChildren, readEncoded, readOid, TAG, type DerNode } from './der-reader.ts';

/**
 * Attribute keywords as Java's sun.security.x509.AVAKeyword prints them by default; where Java
 * registers two keywords for one OID (S/ST, EMAIL/EMAILADDRESS, DNQUALIFIER/DNQ) the later wins.
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

function decodeString(node: DerNode): string | undefined {
  const content = readContent(node);
  switch (node.tag) {
    case TAG.utf8String:
      return content.toString('utf8');
    case TAG.printableString:
    case TAG.ia5String:
      return content.toString('latin1');
    case TAG.t61String:
      // Java decodes TeletexString as ISO-8859-1.
      return content.toString('latin1');
    case TAG.bmpString:
      return content.length % 2 === 0 ? Buffer.from(content).swap16().toString('utf16le') : undefined;
    case TAG.universalString: {
      if (content.length % 4 !== 0) return undefined;
      let text = '';
      for (let index = 0; index < content.length; index += 4) {
        const codePoint = content.readUInt32BE(index);
        text += codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
      }
      return text;
    }
    default:
      return undefined;
  }
}

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

function formatAttribute(attribute: DerNode, source: string): string {
  const [oidNode, valueNode] = readDerChildren(attribute, source);
  if (!oidNode || !valueNode) return '';
  const oid = readOid(oidNode);
  const keyword = KEYWORDS.get(oid) ?? `OID.${oid}`;
  const text = decodeString(valueNode);
  // Values of other types print as '#' and the hex of their DER encoding (RFC 1779).
  if (text === undefined) return `${keyword}=#${readEncoded(valueNode).toString('hex')}`;
  return `${keyword}=${quoteValue(text)}`;
}

/**
 * Formats an X.501 Name the way `apksigner verify --print-certs` prints "certificate DN" (Java's
 * X500Principal#toString): relative names last-to-first, joined by ", "; multi-valued ones by " + ".
 */
export function formatDistinguishedName(name: DerNode, source: string): string {
  const relativeNames = readDerChildren(name, source).map((rdn) =>
    readDerChildren(rdn, source)
      .map((attribute) => formatAttribute(attribute, source))
      .join(' + '),
  );
  return relativeNames.reverse().join(', ');
}
