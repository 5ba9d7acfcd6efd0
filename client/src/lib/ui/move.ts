import type { AnimationConfig } from 'svelte/animate';
import { cubicOut } from 'svelte/easing';

export interface MoveParams {
  duration?: number;
}

/**
 * Like `flip` from svelte/animate, but only translates: a row that changes size while moving is
 * not stretched, so its text never looks squashed.
 */
export function move(node: Element, { from, to }: { from: DOMRect; to: DOMRect }, { duration = 700 }: MoveParams = {}): AnimationConfig {
  const dx = from.left - to.left;
  const dy = from.top - to.top;
  const style = getComputedStyle(node);
  const base = style.transform === 'none' ? '' : style.transform;
  return {
    duration: dx === 0 && dy === 0 ? 0 : duration,
    easing: cubicOut,
    css: (_t, u) => `transform: ${base} translate(${u * dx}px, ${u * dy}px);`,
  };
}
