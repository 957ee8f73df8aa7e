// Pure specs are fast, but property runs on a machine busy with other work can take seconds.
jest.setTimeout(30_000);
