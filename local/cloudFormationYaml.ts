import * as fs from 'node:fs';
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Parses CloudFormation-flavoured YAML (serverless.yml, resources/*.yml): the short intrinsic
 * tags become their long JSON forms (`!Ref X` → `{ Ref: 'X' }`, `!GetAtt A.B` →
 * `{ 'Fn::GetAtt': ['A', 'B'] }`, `!If [c, a, b]` → `{ 'Fn::If': [c, a, b] }`). Serverless
 * variables such as `${sls:stage}` are left as the strings they are in the file.
 */
export function parseCloudFormationYaml(text: string): unknown {
  return parse(text, { customTags: CLOUDFORMATION_TAGS, uniqueKeys: true });
}

export function readCloudFormationYaml(file: string): unknown {
  return parseCloudFormationYaml(fs.readFileSync(file, 'utf8'));
}

const FUNCTIONS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'GetAtt',
] as const;

const toJson = (node: YAMLMap.Parsed | YAMLSeq.Parsed) => node.toJSON();

const CLOUDFORMATION_TAGS: Tags = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  // `!GetAtt Resource.Attribute` (scalar form) splits at the first dot.
  {
    tag: '!GetAtt',
    resolve: (value: string) => {
      const dot = value.indexOf('.');
      return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    },
  },
  ...FUNCTIONS.flatMap((name) => [
    ...(name === 'GetAtt' ? [] : [{ tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) }]),
    { tag: `!${name}`, collection: 'seq' as const, resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [`Fn::${name}`]: toJson(node) }) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [`Fn::${name}`]: toJson(node) }) },
  ]),
];

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The resources an expression names (`Ref`, `Fn::GetAtt`, `${Name}` / `${Name.Attr}` in `Fn::Sub`). */
export function referencedResources(expression: Json): string[] {
  const out: string[] = [];
  const walk = (value: Json) => {
    if (typeof value === 'string') for (const m of value.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) out.push(m[1]!);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (typeof value.Ref === 'string') out.push(value.Ref);
      if (Array.isArray(value['Fn::GetAtt'])) out.push(value['Fn::GetAtt'][0]);
      Object.values(value).forEach(walk);
    }
  };
  walk(expression);
  return out;
}

/**
 * The value of an expression built from `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Split` and `Fn::Select`,
 * given the values of what it names (`Name` or `Name.Attribute`); anything else throws.
 */
export function evaluateIntrinsics(expression: Json, values: Record<string, string>): string {
  const lookup = (name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No local value for ${name}.`);
    return value;
  };
  const value = (e: Json): Json => {
    if (typeof e === 'string') return e;
    if (e.Ref) return lookup(e.Ref);
    if (e['Fn::GetAtt']) return lookup((e['Fn::GetAtt'] as string[]).join('.'));
    if (e['Fn::Sub']) return String(e['Fn::Sub']).replace(/\$\{([^}]+)\}/g, (_, name: string) => lookup(name));
    if (e['Fn::Split']) return String(value(e['Fn::Split'][1])).split(e['Fn::Split'][0]);
    if (e['Fn::Select']) return value(e['Fn::Select'][1])[Number(e['Fn::Select'][0])];
    throw new Error(`Cannot evaluate ${JSON.stringify(e)} locally.`);
  };
  return String(value(expression));
}
