import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import {
  CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Identity } from '../../../shared/auth/identity';
import { WikibotError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';
import { errorToJson, type HttpResponse } from '../../../shared/http/response';
import type { Limits } from '../config';
import type { CommandContext, WriteDeps } from '../context';
import { resolveIdentity, type IdentityOptions } from '../identity';
import { inputJsonSchema, TOOLS, type ToolSpec } from './tools';

export interface McpDeps {
  readonly deps: WriteDeps;
  readonly limits: Limits;
  readonly identity: IdentityOptions;
}

const SERVER_INFO = { name: 'wikibot', title: 'wikibot wikis', version: '1.0.0' };
const INSTRUCTIONS =
  'Git-backed wikis compatible with Otter Wiki. Every tool takes the wiki as user (namespace) and wiki (name). ' +
  'Read a page before changing it and pass its revision as baseRevision to write_page; a stale_revision error means ' +
  'someone else changed the page: read it again, merge, retry. Errors come back as {"error": {"code", "message"}}.';

/**
 * `/mcp`: the Model Context Protocol over streamable HTTP (docs/mcp.md), stateless (DESIGN: a
 * Lambda has no sessions to keep): every POST gets its own server and transport, answers with
 * JSON, and is done. The caller is the bearer token's identity (cookies are ignored here, so a
 * browser cannot be driven into calling tools) with the same roles as the JSON API; without a
 * token, public wikis can be read. A token that does not verify is an HTTP 401.
 */
export async function handleMcpRequest(request: HttpRequest, mcp: McpDeps): Promise<HttpResponse> {
  try {
    if (request.method !== 'POST') return methodNotAllowed();
    const identity = await resolveIdentity({ ...request, cookies: {} }, mcp.identity);
    const ctx: CommandContext = { deps: mcp.deps, limits: mcp.limits, identity: () => Promise.resolve(identity) };
    const server = createServer(ctx, identity);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      // A page (MAX_PAGE_BYTES) as a JSON string can grow up to 6× by escaping; plus the envelope.
      maxRequestBodySize: 6 * mcp.limits.maxPageBytes + 64 * 1024,
    });
    await server.connect(transport);
    try {
      const response = await transport.handleRequest(webRequest(request));
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { statusCode: response.status, headers, body: await response.text() };
    } finally {
      await server.close();
    }
  } catch (error) {
    return errorToJson(error, mcp.deps.log);
  }
}

function createServer(ctx: CommandContext, identity: Identity | undefined): Server {
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const byName = new Map(TOOLS.map((t) => [t.name, t]));
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map((t) => ({
      name: t.name, title: t.title, description: t.description, inputSchema: inputJsonSchema(t), annotations: { title: t.title, ...t.annotations },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (call) => {
    const spec = byName.get(call.params.name);
    if (!spec) throw new McpError(ErrorCode.InvalidParams, `There is no tool "${call.params.name}"; tools/list names them.`);
    return callTool(ctx, spec, call.params.arguments ?? {}, identity);
  });
  return server;
}

/** Validates the arguments with the tool's schema, runs it, and turns every failure into a structured tool error. */
export async function callTool(ctx: CommandContext, spec: ToolSpec, args: unknown, identity?: Identity): Promise<CallToolResult> {
  const parsed = spec.input.safeParse(args);
  if (!parsed.success) {
    return toolError({
      code: 'invalid_input',
      message: `Invalid arguments for ${spec.name}: ${describeIssues(parsed.error)}`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  try {
    const result = (await spec.run(ctx, parsed.data)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
  } catch (error) {
    if (error instanceof WikibotError) return toolError({ code: error.code, message: error.message, ...error.details });
    ctx.deps.log({ level: 'ERROR', message: `MCP tool ${spec.name} failed`, sub: identity?.sub, error: String((error as Error)?.stack ?? error) });
    return toolError({ code: 'internal', message: 'Something went wrong on our side; the call may be retried.' });
  }
}

function toolError(error: { code: string; message: string; [detail: string]: unknown }): CallToolResult {
  const body = { error };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The HttpRequest as a web Request for the SDK's transport. */
function webRequest(request: HttpRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie' && name !== 'content-length') headers.set(name, value);
  }
  const host = request.headers.host ?? 'localhost';
  const query = request.query.toString();
  return new Request(`https://${host}/mcp${query ? `?${query}` : ''}`, {
    method: request.method,
    headers,
    body: request.bodyBytes ? Buffer.from(request.bodyBytes) : undefined,
  });
}

function methodNotAllowed(): HttpResponse {
  // Stateless: no standalone SSE stream (GET) and no sessions to end (DELETE).
  return {
    statusCode: 405,
    headers: { 'content-type': 'application/json; charset=utf-8', allow: 'POST', 'cache-control': 'no-store' },
    body: JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless; send JSON-RPC with POST.' }, id: null }),
  };
}
