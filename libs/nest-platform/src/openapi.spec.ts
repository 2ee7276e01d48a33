import { Type } from '@sinclair/typebox';
import { openApiSchema } from './openapi';

describe('openApiSchema', () => {
  it('shows literals as enums, since OpenAPI 3.0 has no const', () => {
    const schema = Type.Object({
      status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
      statusCode: Type.Literal(400),
      note: Type.Union([Type.Literal('a'), Type.Null()]),
    });
    expect(openApiSchema(schema).properties).toEqual({
      status: { type: 'string', enum: ['active', 'suspended'] },
      statusCode: { type: 'number', enum: [400] },
      note: { type: 'string', enum: ['a'], nullable: true },
    });
  });

  it("writes exclusive bounds in OpenAPI 3.0's form (a boolean beside the bound)", () => {
    expect(openApiSchema(Type.Number({ exclusiveMinimum: 0, maximum: 200 }))).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 200,
    });
    expect(openApiSchema(Type.Integer({ exclusiveMaximum: 10 }))).toEqual({
      type: 'integer',
      maximum: 10,
      exclusiveMaximum: true,
    });
  });

  it('keeps a union of other kinds a union', () => {
    const schema = Type.Union([Type.Literal('x'), Type.Integer()]);
    expect(openApiSchema(schema)).toEqual({ anyOf: [{ type: 'string', enum: ['x'] }, { type: 'integer' }] });
  });
});
