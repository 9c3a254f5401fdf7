# khal_calendar DIR NAME: a fresh khal setup in DIR (config and an empty calendar NAME, in
# the site's time zone), for importing feeds. Sourced by tests/conformance and tests/deploy.
khal_calendar() {
  local dir=$1 name=$2
  mkdir -p "$dir/calendar"
  cat > "$dir/config" <<CONF
[calendars]
[[$name]]
path = $dir/calendar
type = calendar
[locale]
local_timezone = Europe/Amsterdam
default_timezone = Europe/Amsterdam
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = $name
CONF
}
