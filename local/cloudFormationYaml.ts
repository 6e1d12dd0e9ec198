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
