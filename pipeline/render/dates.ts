// render: EDTF strings as a reader says them: "15 June 2021", "October 2021", "c. 2020", "Dec 2022 – Jun 2023".
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function single(value: string, short: boolean): string {
  const approximate = /[~%]/.test(value);
  const uncertain = /[?%]/.test(value);
  const core = value.replace(/[~?%]/g, '');
  const [y, m, d] = core.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  const monthName = month && short ? month.slice(0, 3) : month;
  let text = d && monthName ? `${Number(d)} ${monthName} ${y}` : monthName ? `${monthName} ${y}` : (y ?? value);
  if (approximate) text = `c. ${text}`;
  if (uncertain) text = `${text} (uncertain)`;
  return text;
}

export function formatEdtf(value: string | undefined): string {
  if (!value) return '';
  if (value.includes('/')) {
    const [start, end] = value.split('/');
    const from = start === '' || start === '..' ? 'before' : single(start!, true);
    const to = end === '' ? 'unknown' : end === '..' ? 'ongoing' : single(end!, true);
    return `${from} \u2013 ${to}`;
  }
  return single(value, false);
}
