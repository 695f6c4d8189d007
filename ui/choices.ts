import { SelectableValue } from '@grafana/data';

/**
 * The settings of a panel option's radio or select from [value, label] pairs, in the order shown:
 * `settings: choices(['linear', 'Linear'], ['log', 'Log'])`.
 */
export function choices<const T>(...pairs: Array<readonly [T, string]>): { options: Array<SelectableValue<T>> } {
  return { options: pairs.map(([value, label]) => ({ value, label })) };
}
