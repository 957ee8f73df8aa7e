export * from './key-account/key-account';
export * from './provider/provider';
