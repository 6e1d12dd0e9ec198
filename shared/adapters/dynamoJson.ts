/** DynamoDB's typed JSON (`{"S": "x"}`, `{"M": {…}}`) ↔ plain values: the part of lib-dynamodb the HTTP adapters need. */
export type AttributeValue =
  | { S: string } | { N: string } | { BOOL: boolean } | { NULL: true }
  | { L: AttributeValue[] } | { M: Record<string, AttributeValue> } | { SS: string[] } | { NS: string[] };

export type Item = Record<string, unknown>;

/** A plain value → its attribute value; undefined members of objects are left out (removeUndefinedValues). */
export function marshallValue(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`DynamoDB cannot store the number ${value}.`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(marshallValue) };
  if (typeof value === 'object') return { M: marshallItem(value as Item) };
  throw new Error(`DynamoDB cannot store a value of type ${typeof value}.`);
}

export function marshallItem(item: Item): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) if (value !== undefined) out[name] = marshallValue(value);
  return out;
}

export function unmarshallValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('L' in value) return value.L.map(unmarshallValue);
  if ('M' in value) return unmarshallItem(value.M);
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(Number));
  throw new Error(`An attribute value of an unknown type: ${JSON.stringify(value).slice(0, 100)}`);
}

export function unmarshallItem(item: Record<string, AttributeValue>): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) out[name] = unmarshallValue(value);
  return out;
}
