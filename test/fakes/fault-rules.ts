import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, FaultRule } from './graph-fake.js';

/**
 * Faults of the Instagram and LinkedIn fakes: graph-fake's set, plus a hang before anything is
 * applied (the client times out and nothing happened).
 */
export type SocialFault = Fault | { kind: 'hang' };
export type SocialFaultRule = Omit<FaultRule, 'fault'> & { fault: SocialFault };

/** Rules consumed in order: the first live rule matching method and path (and its chance) applies. */
export const faultQueue = () => {
  const rules: (SocialFaultRule & { left: number })[] = [];
  return {
    push: (rule: SocialFaultRule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    clear: () => {
      rules.length = 0;
    },
    take: (method: string, path: string): SocialFault | undefined => {
      for (const rule of rules) {
        if (rule.left <= 0) continue;
        if (rule.method && rule.method !== method) continue;
        if (rule.path && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
        if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
        rule.left -= 1;
        return rule.fault;
      }
      return undefined;
    },
  };
};

/**
 * The faults that strike once the request was applied (the post exists): the connection is cut,
 * the answer never comes, or a proxy answers 502 with its own page. True when the fault took the
 * answer over (the fake must not write its own).
 */
export const spoilAnswer = (fault: SocialFault | undefined, req: IncomingMessage, res: ServerResponse): boolean => {
  if (fault?.kind === 'response_lost') {
    req.socket.destroy();
    return true;
  }
  if (fault?.kind === 'apply_and_hang') return true;
  if (fault?.kind === 'apply_then_500') {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body>Bad Gateway</body></html>');
    return true;
  }
  return false;
};
