#!/bin/sh
# Installs One API for the JVM from this unpacked tarball. Run as root (without root only with --no-systemd,
# for the calling user). Safe to run again (upgrade or repair):
# conf/one-api.env, the data directory and the logs are kept; a newer default configuration is written beside the
# existing one as conf/one-api.env.new.
#
#   ./install.sh [--prefix DIR] [--data-dir DIR] [--log-dir DIR] [--user NAME] [--no-systemd]
#   ./install.sh --uninstall [--purge] [--prefix DIR] [--data-dir DIR] [--log-dir DIR] [--user NAME] [--no-systemd]
#
#   --prefix DIR     install directory (default /opt/one-api)
#   --data-dir DIR   SQLite database and .env (default /var/lib/one-api); <prefix>/data points here
#   --log-dir DIR    log files (default /var/log/one-api); <prefix>/logs points here
#   --user NAME      account the service runs as (default one-api, created as a system user if missing;
#                    without root: the calling user)
#   --no-systemd     do not install, enable or stop systemd units
#   --uninstall      remove the program, keeping conf/one-api.env, data and logs
#   --purge          with --uninstall: also remove configuration, data, logs and the one-api user
set -eu

prefix=/opt/one-api
data_dir=/var/lib/one-api
log_dir=/var/log/one-api
user=
systemd=yes
action=install
purge=no
unit_dir=/etc/systemd/system
units="one-api.service one-api-proxy.service one-api-admin.service"

say() { echo "install.sh: $*"; }
fail() { echo "install.sh: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -eu/s/^# \{0,1\}//p' "$0"; }

while [ $# -gt 0 ]; do
    case $1 in
        --prefix|--data-dir|--log-dir|--user)
            [ $# -ge 2 ] && [ -n "$2" ] || fail "$1 needs a value"
            case $1 in
                --prefix) prefix=$2 ;;
                --data-dir) data_dir=$2 ;;
                --log-dir) log_dir=$2 ;;
                --user) user=$2 ;;
            esac
            shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --data-dir=*) data_dir=${1#*=}; shift ;;
        --log-dir=*) log_dir=${1#*=}; shift ;;
        --user=*) user=${1#*=}; shift ;;
        --no-systemd) systemd=no; shift ;;
        --uninstall) action=uninstall; shift ;;
        --purge) purge=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) fail "unknown option $1 (see --help)" ;;
    esac
done
case $prefix in /*) ;; *) fail "--prefix must be an absolute path, got $prefix" ;; esac
case $data_dir in /*) ;; *) fail "--data-dir must be an absolute path, got $data_dir" ;; esac
case $log_dir in /*) ;; *) fail "--log-dir must be an absolute path, got $log_dir" ;; esac
[ "$purge" = no ] || [ "$action" = uninstall ] || fail "--purge only goes with --uninstall"
if [ "$(id -u)" -ne 0 ]; then
    [ "$systemd" = no ] || fail "run me as root (sudo), or with --no-systemd to install for yourself"
    user=${user:-$(id -un)}
fi
user=${user:-one-api}

if [ "$systemd" = yes ] && ! command -v systemctl >/dev/null 2>&1; then
    fail "systemctl not found: use --no-systemd and start bin/one-api yourself"
fi

src=$(cd "$(dirname "$0")" && pwd -P)

ensure_user() {
    if id "$user" >/dev/null 2>&1; then
        return
    fi
    nologin=$(command -v nologin || echo /usr/sbin/nologin)
    if command -v useradd >/dev/null 2>&1; then
        useradd --system --user-group --home-dir "$data_dir" --no-create-home --shell "$nologin" "$user"
    elif command -v adduser >/dev/null 2>&1; then
        adduser -S -D -H -h "$data_dir" -s "$nologin" "$user" # BusyBox
    else
        fail "cannot create user $user: neither useradd nor adduser found"
    fi
    say "created system user $user"
}

# <prefix>/data and <prefix>/logs point at the real directories, so bin/one-api finds them without options.
link_dir() { # link target
    rmdir "$1" 2>/dev/null || true # an empty directory (as unpacked from the tarball) becomes the link
    if [ -L "$1" ] || [ ! -e "$1" ]; then
        ln -sfn "$2" "$1"
    elif [ "$(cd "$1" && pwd -P)" != "$(cd "$2" && pwd -P)" ]; then
        say "keeping the existing directory $1 (not a link to $2)"
    fi
}

# Units as shipped name /opt/one-api, /var/lib/one-api, /var/log/one-api and the user one-api; the copies in
# <prefix>/systemd get this installation's values and a marker line, so rewriting them again changes nothing.
marker="# Paths set by install.sh"
write_unit() { # shipped-unit destination
    if grep -q "^$marker" "$1"; then
        cp "$1" "$2.tmp"
    else
        { echo "$marker"; sed -e "s#/opt/one-api#$prefix#g" -e "s#/var/lib/one-api#$data_dir#g" \
            -e "s#/var/log/one-api#$log_dir#g" -e "s#^User=one-api\$#User=$user#" \
            -e "s#^Group=one-api\$#Group=$(id -gn "$user")#" "$1"; } > "$2.tmp"
    fi
    chmod 0644 "$2.tmp"
    mv -f "$2.tmp" "$2"
}

install_files() {
    [ -f "$src/bin/one-api" ] && [ -d "$src/lib" ] || fail "run install.sh from the unpacked tarball ($src has no bin/ and lib/)"
    version=$(ls "$src"/lib/dist-*.jar 2>/dev/null | sed -n 's#.*/dist-\(.*\)\.jar#\1#p' | head -n 1)
    ensure_user
    group=$(id -gn "$user")
    mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/plugins" "$prefix/conf" "$prefix/systemd"

    # Program files are replaced as a whole so an upgrade leaves no stale jar behind.
    if [ "$src" != "$(cd "$prefix" && pwd -P)" ]; then
        rm -f "$prefix"/lib/*.jar
        cp "$src"/lib/*.jar "$prefix/lib/"
        cp "$src/bin/one-api" "$prefix/bin/one-api"
        cp "$src/install.sh" "$prefix/install.sh"
        [ ! -f "$src/README.md" ] || cp "$src/README.md" "$prefix/README.md"
        # Built-in plugins are listed in plugins/.builtin; vendor jars dropped into plugins/ are left alone.
        if [ -f "$prefix/plugins/.builtin" ]; then
            while IFS= read -r jar; do rm -f "$prefix/plugins/$jar"; done < "$prefix/plugins/.builtin"
        fi
        : > "$prefix/plugins/.builtin"
        for jar in "$src"/plugins/*.jar; do
            [ -e "$jar" ] || continue
            cp "$jar" "$prefix/plugins/"
            basename "$jar" >> "$prefix/plugins/.builtin"
        done
    fi
    chmod 0755 "$prefix/bin/one-api" "$prefix/install.sh"

    if [ ! -f "$prefix/conf/one-api.env" ]; then
        cp "$src/conf/one-api.env" "$prefix/conf/one-api.env"
        say "wrote $prefix/conf/one-api.env: set SESSION_SECRET (and SQL_DSN for MySQL/PostgreSQL) there"
    elif ! cmp -s "$src/conf/one-api.env" "$prefix/conf/one-api.env"; then
        cp "$src/conf/one-api.env" "$prefix/conf/one-api.env.new"
        say "kept your $prefix/conf/one-api.env; this version's defaults are in one-api.env.new"
    fi
    chown "root:$group" "$prefix/conf/one-api.env"
    chmod 0640 "$prefix/conf/one-api.env"

    mkdir -p "$data_dir" "$log_dir"
    chown "$user:$group" "$data_dir" "$log_dir"
    chmod 0750 "$data_dir" "$log_dir"
    link_dir "$prefix/data" "$data_dir"
    link_dir "$prefix/logs" "$log_dir"
    [ -z "$version" ] || echo "$version" > "$prefix/VERSION"
    for unit in $units; do
        write_unit "$src/systemd/$unit" "$prefix/systemd/$unit"
    done

    if [ "$systemd" = yes ]; then
        for unit in $units; do
            cp "$prefix/systemd/$unit" "$unit_dir/$unit"
            chmod 0644 "$unit_dir/$unit"
        done
        systemctl daemon-reload
        restarted=""
        for unit in $units; do
            if systemctl is-active --quiet "$unit"; then
                systemctl restart "$unit"
                restarted="$restarted $unit"
            fi
        done
        say "installed one-api ${version:-} in $prefix (data $data_dir, logs $log_dir)"
        if [ -n "$restarted" ]; then
            say "restarted:$restarted"
        else
            say "start it with: systemctl enable --now one-api"
            say "  (or run the proxy and the admin server apart: one-api-proxy and one-api-admin)"
        fi
    else
        say "installed one-api ${version:-} in $prefix (data $data_dir, logs $log_dir)"
        say "start it with: sudo -u $user $prefix/bin/one-api"
    fi
}

# rm -rf with a guard against a mistyped --data-dir or --log-dir such as / or /var.
remove_dir() {
    case $1 in
        /|/bin|/boot|/dev|/etc|/home|/lib|/lib64|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var|/var/lib|/var/log)
            say "refusing to remove $1" ;;
        *) rm -rf "$1" ;;
    esac
}

uninstall_files() {
    if [ "$systemd" = yes ]; then
        for unit in $units; do
            if [ -f "$unit_dir/$unit" ]; then
                systemctl disable --now "$unit" >/dev/null 2>&1 || true
                rm -f "$unit_dir/$unit"
            fi
        done
        systemctl daemon-reload
    fi
    if [ -d "$prefix" ]; then
        rm -rf "$prefix/bin" "$prefix/lib" "$prefix/systemd" "$prefix/install.sh" "$prefix/README.md" "$prefix/VERSION"
        if [ -f "$prefix/plugins/.builtin" ]; then
            while IFS= read -r jar; do rm -f "$prefix/plugins/$jar"; done < "$prefix/plugins/.builtin"
            rm -f "$prefix/plugins/.builtin"
        fi
        rmdir "$prefix/plugins" 2>/dev/null || true
        [ ! -L "$prefix/data" ] || rm -f "$prefix/data"
        [ ! -L "$prefix/logs" ] || rm -f "$prefix/logs"
    fi
    if [ "$purge" = yes ]; then
        rm -rf "$prefix/conf" "$prefix/plugins"
        rmdir "$prefix" 2>/dev/null || say "left $prefix in place: it holds files install.sh did not put there"
        remove_dir "$data_dir"
        remove_dir "$log_dir"
        if [ "$user" = one-api ] && id one-api >/dev/null 2>&1; then
            userdel one-api 2>/dev/null || deluser one-api 2>/dev/null || say "could not remove the user one-api"
        fi
        say "removed one-api, its configuration, data ($data_dir) and logs ($log_dir)"
    else
        rmdir "$prefix" 2>/dev/null || true
        say "removed one-api; kept $prefix/conf, the data in $data_dir and the logs in $log_dir (--purge removes them)"
    fi
}

if [ "$action" = install ]; then
    install_files
else
    uninstall_files
fi
