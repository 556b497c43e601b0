/** An identifier read as words for people: `sendMail` → `Send mail`, `createTask` → `Create task`. */
export function identifierWords(identifier: string): string {
  const words = identifier.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
