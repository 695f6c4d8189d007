import { matrixProblem, vectorProblem, warningStrings } from './shape';

describe('the shape of query answers', () => {
  const deep = JSON.parse(`${'['.repeat(200_000)}1${']'.repeat(200_000)}`) as unknown;

  it('a well-formed matrix and vector pass', () => {
    expect(matrixProblem([{ metric: { job: 'a' }, values: [[1, '1'], [2, 'NaN']] }, { values: [] }])).toBeNull();
    expect(vectorProblem([{ metric: {}, value: [1, '+Inf'] }])).toBeNull();
  });

  it('names the first place that is not as the API promises, without walking nested input', () => {
    expect(matrixProblem({})).toBe('result is not a list');
    expect(matrixProblem([{ metric: { job: deep }, values: [] }])).toBe('result[0].metric.job is not a string');
    expect(matrixProblem([{ metric: deep, values: [] }])).toBe('result[0].metric is not an object of labels');
    expect(matrixProblem([{ metric: {}, values: [[1, '1'], [deep, '1']] }])).toBe('result[0].values[1] is not [<unix seconds>, "<value>"]');
    expect(matrixProblem([{ metric: {}, values: [[1, 1]] }])).toBe('result[0].values[0] is not [<unix seconds>, "<value>"]');
    expect(matrixProblem([deep])).toBe('result[0] is not an object');
    expect(vectorProblem([{ metric: {}, value: [1, deep] }])).toBe('result[0].value is not [<unix seconds>, "<value>"]');
  });

  it('keeps only the strings of the warnings', () => {
    expect(warningStrings(['a', deep, 3, 'b'])).toEqual(['a', 'b']);
    expect(warningStrings('a')).toEqual([]);
  });
});
