// Integration and end-to-end tests start real databases and processes; a cold start takes seconds.
jest.setTimeout(60_000);
