#!/usr/bin/env bash
# After a test run: one line when the PostgreSQL tests skipped for want of a server (they skip
# with a TestAbortedException saying "PostgreSQL tests skipped"; see PostgresTestServer), saying how to run
# them. Prints nothing when they ran.
shopt -s nullglob
reports=(*/target/surefire-reports/TEST-*.xml)
[ ${#reports[@]} -eq 0 ] && exit 0
skipped=$(grep -ho 'TestAbortedException: PostgreSQL tests skipped' "${reports[@]}" | wc -l)
if [ "$skipped" -gt 0 ]; then
  echo "make: $skipped PostgreSQL tests were skipped (no server at ${PG_TEST_URL:-postgresql://postgres@127.0.0.1:5432/postgres}); to run them, start PostgreSQL there or set PG_TEST_URL=postgresql://USER@HOST:PORT/DATABASE (a user that may create databases), then run make test again"
fi
