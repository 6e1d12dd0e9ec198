import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { CfnTemplate } from './packagedStack';

/**
 * Checks a template against the CloudFormation resource specification that
 * `@aws-cdk/aws-service-spec` ships (the registry schemas of every resource type): each resource
 * type exists, each property exists where it is written (a misspelt name fails), required ones
 * are there, and each value has the right shape (object, list, map or scalar of the right kind).
 * Intrinsic functions stand for any value, except that both branches of an `Fn::If` are checked.
 * Refs and GetAtts must name a resource (or parameter) of the template, GetAtts an attribute its
 * type has. Returns the problems, one line each; an empty list means the template is sound.
 */

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;
interface PropertyType {
  readonly type: string;
  readonly element?: PropertyType;
  readonly types?: readonly PropertyType[];
  readonly reference?: { readonly $ref: string };
}
interface Property {
  readonly type: PropertyType;
  readonly required?: boolean;
  readonly previousTypes?: readonly PropertyType[];
}
interface Properties {
  readonly [name: string]: Property;
}

let database: SpecDatabase | undefined;
const spec = () => (database ??= loadAwsServiceSpecSync());

const RESOURCE_ATTRIBUTES = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata', 'UpdatePolicy', 'CreationPolicy']);
const DELETION_POLICIES = new Set(['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate']);
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
}

export function resourceTypeExists(type: string): boolean {
  return spec().lookup('resource', 'cloudFormationType', 'equals', type).length > 0;
}

export function validateTemplate(template: CfnTemplate): string[] {
  const db = spec();
  const problems: string[] = [];
  const resources = template.Resources ?? {};
  const parameters = new Set(Object.keys((template.Parameters as Record<string, unknown> | undefined) ?? {}));
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const attributesOf = (id: string): Set<string> | undefined => {
    const type = resources[id]?.Type;
    const found = type ? db.lookup('resource', 'cloudFormationType', 'equals', type)[0] : undefined;
    return found ? new Set(Object.keys(found.attributes)) : undefined;
  };

  /** Refs, GetAtts and Sub references anywhere in `node` must name something that exists. */
  function checkReferences(where: string, node: unknown): void {
    if (Array.isArray(node)) return node.forEach((item, i) => checkReferences(`${where}[${i}]`, item));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') {
        if (!(value in resources) && !parameters.has(value) && !PSEUDO_PARAMETERS.has(value)) problems.push(`${where}: Ref to unknown ${value}`);
      } else if (key === 'Fn::GetAtt' && Array.isArray(value)) {
        const [id, attribute] = value as [string, unknown];
        const attributes = attributesOf(id);
        if (!(id in resources)) problems.push(`${where}: GetAtt of unknown resource ${id}`);
        else if (typeof attribute === 'string' && attributes && !attributes.has(attribute)) {
          problems.push(`${where}: ${resources[id]!.Type} has no attribute ${attribute}`);
        }
      } else if (key === 'Fn::Sub' && (typeof value === 'string' || Array.isArray(value))) {
        const text = typeof value === 'string' ? value : String(value[0]);
        const local = Array.isArray(value) && value[1] && typeof value[1] === 'object' ? Object.keys(value[1] as object) : [];
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const [id, attribute] = match[1]!.split('.', 2) as [string, string | undefined];
          if (local.includes(id) || PSEUDO_PARAMETERS.has(id) || parameters.has(id)) continue;
          if (!(id in resources)) problems.push(`${where}: Sub names unknown ${id}`);
          else if (attribute && attributesOf(id) && !attributesOf(id)!.has(match[1]!.slice(id.length + 1))) {
            problems.push(`${where}: ${resources[id]!.Type} has no attribute ${match[1]!.slice(id.length + 1)}`);
          }
        }
      } else if ((key === 'Fn::If' || key === 'Condition') && !Array.isArray(node)) {
        const name = key === 'Fn::If' ? (value as unknown[])[0] : value;
        if (typeof name === 'string' && !conditions.has(name)) problems.push(`${where}: unknown condition ${name}`);
      }
      checkReferences(where, value);
    }
  }

  function checkValue(where: string, value: unknown, type: PropertyType): void {
    if (isIntrinsic(value)) {
      const [fn, args] = Object.entries(value)[0]!;
      if (fn === 'Fn::If' && Array.isArray(args)) {
        for (const branch of args.slice(1)) {
          const noValue = branch && typeof branch === 'object' && (branch as { Ref?: string }).Ref === 'AWS::NoValue';
          if (!noValue) checkValue(where, branch, type);
        }
      }
      return;
    }
    switch (type.type) {
      case 'string':
        if (!['string', 'number', 'boolean'].includes(typeof value)) problems.push(`${where}: expected a string, got ${JSON.stringify(value)?.slice(0, 80)}`);
        return;
      case 'integer':
      case 'number':
        if (!(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))))) {
          problems.push(`${where}: expected a number, got ${JSON.stringify(value)}`);
        }
        return;
      case 'boolean':
        if (!(typeof value === 'boolean' || value === 'true' || value === 'false')) problems.push(`${where}: expected a boolean, got ${JSON.stringify(value)}`);
        return;
      case 'json':
        if (!value || typeof value !== 'object') problems.push(`${where}: expected a JSON object`);
        return;
      case 'array':
        if (!Array.isArray(value)) {
          problems.push(`${where}: expected a list, got ${JSON.stringify(value)?.slice(0, 80)}`);
          return;
        }
        value.forEach((item, i) => checkValue(`${where}[${i}]`, item, type.element!));
        return;
      case 'map':
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${where}: expected a map`);
          return;
        }
        for (const [key, item] of Object.entries(value)) checkValue(`${where}.${key}`, item, type.element!);
        return;
      case 'tag':
        checkObject(where, value, { Key: { type: { type: 'string' }, required: true }, Value: { type: { type: 'string' }, required: true } });
        return;
      case 'ref': {
        const definition = db.get('typeDefinition', type.reference!.$ref) as unknown as { properties: Properties };
        checkObject(where, value, definition.properties);
        return;
      }
      case 'union': {
        // Sound if any alternative accepts it; otherwise report against the first one.
        let firstFailure: string[] | undefined;
        for (const alternative of type.types ?? []) {
          const before = problems.length;
          checkValue(where, value, alternative);
          const found = problems.splice(before);
          if (found.length === 0) return;
          firstFailure ??= found;
        }
        problems.push(...(firstFailure ?? []));
        return;
      }
      default:
        return;
    }
  }

  function checkObject(where: string, value: unknown, properties: Properties): void {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where}: expected an object, got ${JSON.stringify(value)?.slice(0, 80)}`);
      return;
    }
    for (const [name, item] of Object.entries(value)) {
      const property = properties[name];
      if (!property) {
        problems.push(`${where}: unknown property ${name}`);
        continue;
      }
      checkValue(`${where}.${name}`, item, property.type);
    }
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && !(name in value)) problems.push(`${where}: missing required property ${name}`);
    }
  }

  for (const [id, resource] of Object.entries(resources)) {
    for (const attribute of Object.keys(resource)) {
      if (!RESOURCE_ATTRIBUTES.has(attribute)) problems.push(`${id}: unknown resource attribute ${attribute}`);
    }
    for (const policy of [resource.DeletionPolicy, resource.UpdateReplacePolicy]) {
      if (policy !== undefined && !DELETION_POLICIES.has(policy)) problems.push(`${id}: bad deletion policy ${policy}`);
    }
    if (resource.Condition && !conditions.has(resource.Condition)) problems.push(`${id}: unknown condition ${resource.Condition}`);
    for (const dependency of [resource.DependsOn ?? []].flat()) {
      if (!(dependency in resources)) problems.push(`${id}: DependsOn unknown ${dependency}`);
    }
    const found = db.lookup('resource', 'cloudFormationType', 'equals', resource.Type)[0];
    if (!found) {
      problems.push(`${id}: unknown resource type ${resource.Type}`);
      continue;
    }
    checkObject(`${id} (${resource.Type})`, resource.Properties ?? {}, found.properties as unknown as Properties);
    checkReferences(id, resource.Properties ?? {});
  }
  for (const [id, output] of Object.entries(template.Outputs ?? {})) checkReferences(`Outputs.${id}`, output.Value);
  return problems;
}
