/** Every text from a record or the config is escaped before it goes into report.html. */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const esc = (text: string | number | null) =>
  text === null ? '–' : String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
