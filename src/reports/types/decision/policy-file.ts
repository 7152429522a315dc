/**
 * Reading the operator's policy file (ZHENGXIN_DECISION_POLICY): JSON or YAML, chosen by the file
 * extension (.json, .yaml, .yml). No path = the shipped default. The one place the decision report
 * touches the file system; src/config.ts calls it at start so a bad file stops the service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DecisionPolicyError, DEFAULT_DECISION_POLICY, validateDecisionPolicy, type DecisionPolicy } from './policy.js';

/** Parses policy text; `format` from the file name. Throws DecisionPolicyError naming the field. */
export function parseDecisionPolicy(text: string, format: 'json' | 'yaml', source?: string): DecisionPolicy {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new DecisionPolicyError('', `is not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`, source);
  }
  return validateDecisionPolicy(value, source);
}

export function loadDecisionPolicy(file?: string): DecisionPolicy {
  if (file === undefined || file.trim() === '') return DEFAULT_DECISION_POLICY;
  const ext = path.extname(file).toLowerCase();
  const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
  if (!format) throw new DecisionPolicyError('', `file name must end in .json, .yaml or .yml (got "${path.basename(file)}")`, file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DecisionPolicyError('', `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, file);
  }
  return parseDecisionPolicy(text, format, file);
}
