/** A name as people compare names: spaces squeezed and trimmed, case ignored («анна  смирнова » is «Анна Смирнова»). */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** Someone already named so (case and spaces aside), active or not: adding another asks first. */
export function namesake<T extends { name: string }>(people: readonly T[], name: string): T | undefined {
  const key = nameKey(name);
  return key === '' ? undefined : people.find((person) => nameKey(person.name) === key);
}
