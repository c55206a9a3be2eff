import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a Chinese name, lower case ("浑源县" → "hyx"), so staff can type "hyx" to find it. */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
