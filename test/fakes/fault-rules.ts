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
