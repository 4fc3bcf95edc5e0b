import type { CommandDoc, RespReply } from '../../../shared/contract';

type Fields = Map<string, RespReply>;

function fields(reply: RespReply | undefined): Fields {
  const out: Fields = new Map();
  if (!reply) return out;
  if (reply.type === 'map') for (const { key, value } of reply.value) out.set(text(key), value);
  // RESP2 servers answer maps as flat arrays.
  else if (reply.type === 'array')
    for (let i = 0; i + 1 < reply.value.length; i += 2) out.set(text(reply.value[i]), reply.value[i + 1]!);
  return out;
}

function text(r: RespReply | undefined): string {
  if (!r) return '';
  if (r.type === 'string' || r.type === 'status' || r.type === 'verbatim') return r.value;
  if (r.type === 'integer' || r.type === 'bignum' || r.type === 'double') return String(r.value);
  return '';
}

function list(r: RespReply | undefined): RespReply[] {
  return r && (r.type === 'array' || r.type === 'set') ? r.value : [];
}

/** One argument as redis-cli's hints print it: `[NX | XX]`, `key [key ...]`, `[COUNT count]`. */
function argSyntax(arg: Fields, tokens: Set<string>): string {
  const token = text(arg.get('token'));
  const type = text(arg.get('type'));
  const flags = new Set(list(arg.get('flags')).map(text));
  if (token) tokens.add(token.toUpperCase());
  let body: string;
  if (type === 'pure-token') body = token;
  else if (type === 'oneof' || type === 'block') {
    const parts = list(arg.get('arguments')).map((a) => argSyntax(fields(a), tokens));
    body = parts.join(type === 'oneof' ? ' | ' : ' ');
    if (token) body = `${token} ${body}`;
  } else {
    body = token ? `${token} ${text(arg.get('name'))}` : text(arg.get('name'));
  }
  if (flags.has('multiple')) body = `${body} [${body} ...]`;
  return flags.has('optional') ? `[${body}]` : type === 'oneof' && !token ? `<${body}>` : body;
}

function doc(name: string, f: Fields): CommandDoc {
  const tokens = new Set<string>();
  const syntax = list(f.get('arguments'))
    .map((a) => argSyntax(fields(a), tokens))
    .join(' ');
  const out: CommandDoc = { name, summary: text(f.get('summary')), syntax, tokens: [...tokens].sort() };
  const since = text(f.get('since'));
  const group = text(f.get('group'));
  const complexity = text(f.get('complexity'));
  if (since) out.since = since;
  if (group) out.group = group;
  if (complexity) out.complexity = complexity;
  return out;
}

/** COMMAND DOCS' reply flattened: every command and subcommand ("CONFIG SET"), sorted by name. */
export function flattenDocs(reply: RespReply): CommandDoc[] {
  const out: CommandDoc[] = [];
  for (const [rawName, value] of fields(reply)) {
    const f = fields(value);
    const name = rawName.toUpperCase();
    out.push(doc(name, f));
    for (const [subName, subValue] of fields(f.get('subcommands'))) {
      out.push(doc(subName.toUpperCase().replace('|', ' '), fields(subValue)));
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
