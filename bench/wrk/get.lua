-- GET, e.g. /cds-services: the same server with no request body, no rules and no audit record.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"
done = report
