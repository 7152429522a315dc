import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMAND_MODULES, findCommand, loadAllCommands } from './commands.js';

test('each registry entry names exactly the commands its module exports', async () => {
  for (const m of COMMAND_MODULES) {
    assert.deepEqual((await m.load()).map((c) => c.name).sort(), [...m.names].sort());
  }
  const all = await loadAllCommands();
  assert.equal(new Set(all.map((c) => c.name)).size, all.length, 'no command name twice');
});

test('finds the longest matching command and passes on the rest', async () => {
  const found = await findCommand(['accounts', 'update', 'KEY', '--suspend']);
  assert.equal(found?.command.name, 'accounts update');
  assert.deepEqual(found?.rest, ['KEY', '--suspend']);
  assert.equal(await findCommand(['accounts']), undefined);
  assert.equal(await findCommand(['nonsense']), undefined);
});
