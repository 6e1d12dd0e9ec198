import type { CfnResource, CfnTemplate } from './packagedStack';

/**
 * Evaluates what a packaged template means for its stage: osls has already replaced every
 * `${param:…}`, so the Conditions compare constants, and `Fn::If` / `AWS::NoValue` can be
 * resolved here the way CloudFormation will. Conditions on values that exist only at deploy time
 * (a Ref, a region) are refused rather than guessed.
 */

type Json = unknown;

export function evaluateCondition(template: CfnTemplate, name: string): boolean {
  const conditions = template.Conditions ?? {};
  if (!(name in conditions)) throw new Error(`No condition ${name}`);
  return evaluate(conditions[name]);

  function evaluate(node: Json): boolean {
    if (typeof node === 'boolean') return node;
    if (!node || typeof node !== 'object' || Array.isArray(node)) throw new Error(`Cannot evaluate ${JSON.stringify(node)}`);
    const [[fn, args]] = Object.entries(node) as [[string, Json]];
    switch (fn) {
      case 'Condition':
        return evaluateCondition(template, args as string);
      case 'Fn::Not':
        return !evaluate((args as Json[])[0]);
      case 'Fn::And':
        return (args as Json[]).every(evaluate);
      case 'Fn::Or':
        return (args as Json[]).some(evaluate);
      case 'Fn::Equals': {
        const [a, b] = args as Json[];
        if (!isScalar(a) || !isScalar(b)) throw new Error(`Fn::Equals on a value known only at deploy time: ${JSON.stringify(args)}`);
        return String(a) === String(b);
      }
      default:
        throw new Error(`Cannot evaluate ${fn}`);
    }
  }
}

const isScalar = (value: Json) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const NO_VALUE = Symbol('AWS::NoValue');

/** The value with every Fn::If decided and every AWS::NoValue removed. */
export function resolveConditions<T>(template: CfnTemplate, value: T): T {
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk).filter((item) => item !== NO_VALUE);
    if (!node || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    if (entries.length === 1 && entries[0]![0] === 'Ref' && entries[0]![1] === 'AWS::NoValue') return NO_VALUE;
    if (entries.length === 1 && entries[0]![0] === 'Fn::If') {
      const [condition, whenTrue, whenFalse] = entries[0]![1] as [string, Json, Json];
      return walk(evaluateCondition(template, condition) ? whenTrue : whenFalse);
    }
    const out: Record<string, Json> = {};
    for (const [key, item] of entries) {
      const resolved = walk(item);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  };
  return walk(value) as T;
}

/** The resources CloudFormation will create for this stage, with their conditions resolved. */
export function effectiveResources(template: CfnTemplate): Record<string, CfnResource> {
  const out: Record<string, CfnResource> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition && !evaluateCondition(template, resource.Condition)) continue;
    out[id] = resolveConditions(template, resource);
  }
  return out;
}

export function resourcesOfType(resources: Record<string, CfnResource>, type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** The file names in a zip archive, read from its central directory. */
export function zipEntries(archive: Buffer): string[] {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('Not a zip archive');
  const count = archive.readUInt16LE(eocd + 10);
  let offset = archive.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) throw new Error('Bad zip central directory');
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    names.push(archive.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
