// js-yaml 3 ships no types; this declares the part the project uses (core/yaml-fast.ts).
declare module 'js-yaml' {
  interface Type {
    readonly tag: string;
  }
  interface Schema {
    readonly implicit: readonly Type[];
  }
  interface JsYaml {
    Type: new (
      tag: string,
      options: { kind: 'scalar'; resolve: (data: string) => boolean; construct: (data: string) => unknown },
    ) => Type;
    Schema: new (definition: { include?: Schema[]; implicit?: Type[]; explicit?: Type[] }) => Schema;
    FAILSAFE_SCHEMA: Schema;
    load(
      text: string,
      options?: { schema?: Schema; json?: boolean; listener?: (event: 'open' | 'close', state: never) => void },
    ): unknown;
  }
  const jsyaml: JsYaml;
  export default jsyaml;
}
