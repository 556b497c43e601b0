import { shortcutFor, type KeyPress, type ShortcutCommand } from './designer-shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  targetTag: 'DIV',
  ...mods,
});

describe('designer shortcuts', () => {
  it.each<[string, KeyPress, ShortcutCommand | null]>([
    ['Ctrl+Z', press('z', { ctrlKey: true }), 'undo'],
    ['Cmd+Z', press('z', { metaKey: true }), 'undo'],
    ['Ctrl+Shift+Z', press('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    ['Ctrl+Y', press('y', { ctrlKey: true }), 'redo'],
    ['Ctrl+C', press('c', { ctrlKey: true }), 'copy'],
    ['Ctrl+V', press('v', { ctrlKey: true }), 'paste'],
    ['Ctrl+S', press('s', { ctrlKey: true }), 'save'],
    ['Delete', press('Delete'), 'delete'],
    ['Backspace', press('Backspace'), 'delete'],
    ['F', press('f'), 'fit'],
    ['L', press('l'), 'layout'],
    ['Ctrl+F (the browser’s find)', press('f', { ctrlKey: true }), null],
    ['a plain letter', press('x'), null],
    ['Backspace in a panel input', press('Backspace', { targetTag: 'INPUT' }), null],
    ['Ctrl+Z in a text area', press('z', { ctrlKey: true, targetTag: 'TEXTAREA' }), null],
    ['Delete in a select', press('Delete', { targetTag: 'SELECT' }), null],
  ])('%s → %s', (_name, key, command) => {
    expect(shortcutFor(key)).toBe(command);
  });
});
