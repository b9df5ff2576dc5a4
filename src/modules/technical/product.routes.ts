import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createProductBody, listProductsQuery, productSchema, updateProductBody } from './product.schema.js';
import { createProduct, getProduct, listProducts, updateProduct } from './product.service.js';

const tags = ['products'];

export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/products', { schema: { tags, querystring: listProductsQuery, response: { 200: pageOf(productSchema), ...errorResponses } } }, async (request) =>
    listProducts(contextOf(request), request.query),
  );
  app.get('/products/:id', { schema: { tags, params: idParams, response: { 200: productSchema, ...errorResponses } } }, async (request) =>
    getProduct(contextOf(request), request.params.id),
  );
  app.post('/products', { schema: { tags, body: createProductBody, response: { 201: productSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createProduct(contextOf(request), request.body);
  });
  app.patch('/products/:id', { schema: { tags, params: idParams, body: updateProductBody, response: { 200: productSchema, ...errorResponses } } }, async (request) =>
    updateProduct(contextOf(request), request.params.id, request.body),
  );
};
