// core: the short name of a source in notes and charts: "Roubanis 2024", "Alizadeh & Abbasi 2025".

export interface LabelledSource {
  readonly title: string;
  readonly authors: readonly string[];
  readonly published?: string | undefined;
}

const ORGANISATION =
  /\b(Center|Centre|Institute|Council|Foundation|Group|Team|Agency|Office|Ministry|University|Forum|Network|Project|Association)\b/i;

export function sourceLabel(source: LabelledSource): string {
  // An organisation ("Topchubashov Center") keeps its name; a person is cited by surname.
  const surname = (name: string) => (ORGANISATION.test(name) ? name.trim() : (name.trim().split(/\s+/).pop() ?? name));
  const names =
    source.authors.length === 0
      ? source.title.slice(0, 24)
      : source.authors.length <= 2
        ? source.authors.map(surname).join(' & ')
        : `${surname(source.authors[0]!)} et al.`;
  const year = source.published?.slice(0, 4);
  return year ? `${names} ${year}` : names;
}
