// The `edtf` package ships no types; this declares the part the project uses.
declare module 'edtf' {
  interface ExtDate {
    readonly type: string;
    readonly min: number;
    readonly max: number | null;
    readonly precision?: number;
  }
  export default function edtf(value: string, options?: { level?: number }): ExtDate;
}
