/** The data-key settings' syntax, pure: the config validates with it, the service parses with it. */

const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Problems with `<keyId>:<base64 32 bytes>,…` (empty when valid), each naming COMMUNITY_DATA_KEYS; never the key. */
export function dataKeyRingProblems(text: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(',').forEach((entry, index) => {
    const [keyId, material, ...rest] = entry.trim().split(':');
    const where = `COMMUNITY_DATA_KEYS entry ${index + 1}`;
    if (!keyId || material === undefined || rest.length) problems.push(`${where} must be <keyId>:<base64 key>`);
    else if (!KEY_ID.test(keyId)) problems.push(`${where}: the key id may hold letters, digits, '_', '.', '-'`);
    else if (seen.has(keyId)) problems.push(`${where}: the key id ${keyId} appears twice`);
    else if (decodedLength(material) !== 32) problems.push(`${where}: the key ${keyId} must be 32 bytes in base64`);
    if (keyId) seen.add(keyId);
  });
  return problems;
}

/** Parses a ring that dataKeyRingProblems accepted. */
export function parseDataKeyRing(text: string): Map<string, Buffer> {
  const problems = dataKeyRingProblems(text);
  if (problems.length) throw new Error(problems.join('; '));
  return new Map(
    text.split(',').map((entry) => {
      const [keyId, material] = entry.trim().split(':');
      return [keyId, Buffer.from(material, 'base64')] as const;
    }),
  );
}

/** Byte length of strict base64, or -1 when the text is not base64. */
export function decodedLength(text: string): number {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return -1;
  return Buffer.from(text, 'base64').length;
}
