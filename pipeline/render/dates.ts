// render: EDTF strings as a reader says them, at the precision they were written:
// "15 June 2021", "October 2021", "c. 2020", "December 2022 – June 2023".
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function single(value: string): string {
  const approximate = /[~%]/.test(value);
  const uncertain = /[?%]/.test(value);
  const core = value.replace(/[~?%]/g, '');
  const [y, m, d] = core.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  const monthName = month;
  let text = d && monthName ? `${Number(d)} ${monthName} ${y}` : monthName ? `${monthName} ${y}` : (y ?? value);
  if (approximate) text = `c. ${text}`;
  if (uncertain) text = `${text} (uncertain)`;
  return text;
}

export function formatEdtf(value: string | undefined): string {
  if (!value) return '';
  if (value.includes('/')) {
    const [start, end] = value.split('/') as [string, string];
    const open = (v: string) => v === '' || v === '..';
    if (open(start)) return open(end) ? 'date unknown' : `until ${single(end)}`;
    if (end === '..') return `${single(start)} onwards`;
    return `${single(start)} \u2013 ${end === '' ? 'unknown' : single(end)}`;
  }
  return single(value);
}
