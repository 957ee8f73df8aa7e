// Jest 29 cannot `require` an ES module (Node 24 can, and the product relies on that): the tests load
// @platformatic/kafka through Node's own loader (the real `module` builtin, not Jest's stand-in).
module.exports = process.getBuiltinModule('node:module').createRequire(__filename)('@platformatic/kafka');
