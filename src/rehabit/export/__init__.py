"""Getting a program and a person's logs out of rehabit: PDF handout, FHIR R4, CSV, backups."""
