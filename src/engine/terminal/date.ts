// `date` on the simulated clock, in the C locale as GNU date prints it: Mon Jun  2 08:05:00 UTC 2025.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(ms: number, args: readonly string[]): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const fmt = args.find((a) => a.startsWith('+'));
  if (fmt) {
    return fmt.slice(1).replace(/%([a-zA-Z%])/g, (_, c: string) => {
      switch (c) {
        case 'Y': return String(d.getUTCFullYear());
        case 'm': return p2(d.getUTCMonth() + 1);
        case 'd': return p2(d.getUTCDate());
        case 'H': return p2(d.getUTCHours());
        case 'M': return p2(d.getUTCMinutes());
        case 'S': return p2(d.getUTCSeconds());
        case 's': return String(Math.floor(ms / 1000));
        case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
        case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
        case 'Z': return 'UTC';
        case 'a': return DAYS[d.getUTCDay()];
        case 'b': return MONTHS[d.getUTCMonth()];
        case '%': return '%';
        default: return '%' + c;
      }
    });
  }
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
