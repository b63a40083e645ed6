// Quoting a string so the shell reads it back as one word (for `set -x`, `set`, `export -p`).

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(text: string): string {
  if (text === '') return "''";
  if (SAFE.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `declare -x NAME="value"` as `export -p` prints it. */
export function declareQuote(text: string): string {
  return `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}
