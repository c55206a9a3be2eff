import type { Expr } from './ast.ts';
import { PRECEDENCE } from './ast.ts';
import { FUNCTIONS } from './functions.ts';

export type Lang = 'zh' | 'en';

const OPS: Record<Lang, Record<string, string>> = {
  en: { or: 'or', and: 'and', '==': 'is', '!=': 'is not', '<': 'is less than', '<=': 'is at most', '>': 'is more than', '>=': 'is at least', in: 'is one of', 'not in': 'is not one of', '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by' },
  zh: { or: '或', and: '且', '==': '等于', '!=': '不等于', '<': '小于', '<=': '不超过', '>': '大于', '>=': '不低于', in: '属于', 'not in': '不属于', '+': '加', '-': '减', '*': '乘以', '/': '除以' },
};

/**
 * Says an expression in words, for people reading a rule (the rule's own descriptions come first;
 * this covers rules an administrator wrote without them). `label` names facts and parameters.
 */
export function describeExpression(e: Expr, lang: Lang, label: (name: string) => string = (n) => n): string {
  return say(e, lang, label, 0);
}

function say(e: Expr, lang: Lang, label: (name: string) => string, outer: number): string {
  const zh = lang === 'zh';
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'str':
      return zh ? `“${e.value}”` : `"${e.value}"`;
    case 'bool':
      return zh ? (e.value ? '是' : '否') : e.value ? 'yes' : 'no';
    case 'ref':
      return label(e.name);
    case 'list':
      return e.items.map((i) => say(i, lang, label, 0)).join(zh ? '、' : ', ');
    case 'not':
      return zh ? `并非（${say(e.arg, lang, label, 0)}）` : `not (${say(e.arg, lang, label, 0)})`;
    case 'neg':
      return `-${say(e.arg, lang, label, 7)}`;
    case 'binary': {
      const p = PRECEDENCE[e.op];
      const s = `${say(e.left, lang, label, p)}${zh ? '' : ' '}${OPS[lang][e.op]}${zh ? '' : ' '}${say(e.right, lang, label, p + 1)}`;
      return p < outer ? (zh ? `（${s}）` : `(${s})`) : s;
    }
    case 'call': {
      const f = FUNCTIONS[e.fn];
      const args = e.args.map((a) => say(a, lang, label, 0));
      if (!f) return `${e.fn}(${args.join(', ')})`;
      return f.words[lang].replace('{*}', args.join(zh ? '、' : ', ')).replace(/\{(\d)\}/g, (_m, i) => args[Number(i)] ?? '');
    }
  }
}
