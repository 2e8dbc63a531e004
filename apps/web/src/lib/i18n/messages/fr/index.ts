// Every catalogue file of this language, in one chunk loaded when the language is chosen.
const files = import.meta.glob<Record<string, string>>('./*.json', { eager: true, import: 'default' });
export default files;
