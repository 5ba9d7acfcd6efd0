import type { Attachment } from 'svelte/attachments';

/**
 * Flashes the element (opacity only, via the Web Animations API: no timers to clean up) each time
 * `value()` changes after the first render. Put it on an overlay inside the row that should glow.
 */
export function flashOnChange(value: () => unknown, durationMs = 2600): Attachment<HTMLElement> {
  let seen = false;
  let previous: unknown;
  return (element) => {
    const current = value();
    if (seen && !Object.is(current, previous)) {
      element.animate([{ opacity: 0.9 }, { opacity: 0.9, offset: 0.25 }, { opacity: 0 }], {
        duration: durationMs,
        easing: 'ease-out',
      });
    }
    seen = true;
    previous = current;
  };
}
