# /test/applets.sh: the differential applet suite, run as init by Debian's busybox ash
# on kspace (make test, case busybox/applets) and on Debian's Linux 6.1 i386 (make
# check-linux, which records what it prints in tests/expected/busybox-applets.txt).
# Both kernels must print the same lines between "busybox-applets: start" and "done".
#
# What legitimately differs between the kernels (release, load, memory sizes, pids,
# kernel threads, log text) is never printed: the rule is that such a value is reduced
# to a property both kernels share (a count that is positive, a field that is a number)
# by `shape` and `positive` below, in this script, never by editing the recording.
# Nothing here depends on timing.

shape() { sed 's/[0-9][0-9]*/N/g'; }           # numbers become N
positive() { if [ "$1" -gt 0 ]; then echo "$2 > 0"; else echo "$2 = $1"; fi; }
section() { echo "== $*"; }

echo "busybox-applets: start"
mount -t proc proc /proc 2>/dev/null
mount -t devtmpfs dev /dev 2>/dev/null
umask 022
mkdir -p /tmp/w && cd /tmp/w || exit 1
export LC_ALL=C TZ=UTC

section text tools
printf 'pear\napple\nfig\napple\nbanana\n' >fruit
cat fruit | sort | uniq -c | sed 's/^ *//'
sort -r fruit | head -n 2
tail -n 2 fruit
wc -l <fruit
wc -c fruit
tac fruit | head -n 1
cut -c 1-3 fruit | tr a-z A-Z | paste -s -d,
grep -n an fruit
grep -v -c p fruit
egrep '^(fig|pear)$' fruit
fgrep -x apple fruit | wc -l
sed -e '1d' -e 's/a/A/g' fruit
awk '{ len[$0] = length($0) } END { for (k in len) n++; print n, NR }' fruit
awk -F: '$3 == 0 { print $1 }' /etc/passwd
nl -b a fruit | shape | head -n 1
rev fruit | sort | head -n 1
fold -w 3 fruit | head -n 2
printf 'b 2\na 1\n' | sort -k 2 -n
printf 'x\ny\n' >one; printf 'y\nz\n' >two
diff one two | tail -n +2
cmp -s one one && echo "cmp same"
cmp one two >/dev/null 2>&1 || echo "cmp differs $?"
expand fruit >/dev/null && echo expand
echo "one two  three" | tr -s ' ' | cut -d ' ' -f 2,3
seq 1 5 | xargs echo sum | awk '{ print $1, $2 + $3 + $4 + $5 + $6 }'
seq 3 | xargs -n 1 echo item
printf '%s-%d-%x\n' str 42 255
echo 'a,b,c' | awk -F, '{ print $NF, NF }'
basename /a/b/c.txt .txt
dirname /a/b/c.txt
expr length hello
expr 7 % 3
test 3 -lt 4 && echo lt
[ -z "" ] && echo empty
echo hello | md5sum
echo hello | sha1sum
echo hello | sha256sum | cut -c 1-16
echo hello | md5sum -c 2>/dev/null || echo "md5sum -c refuses garbage"
echo kspace | base64 | base64 -d
printf '\001\002\377' | od -A d -t x1
printf 'abc' | hexdump -C | head -n 1
printf 'abc' | xxd
echo "3 4 * p" | dc
factor 97 1001
yes y | head -n 3 | tr -d '\n'; echo
strings -n 4 /test/data.txt | head -n 1

section files
echo first >f1
echo second >>f1
cat f1
cp f1 f2 && cat f2 | wc -l
mv f2 f3 && ls | paste -s -d' '
ln f3 hard && stat -c '%h %s %F' f3 hard
ln -s f3 soft && readlink soft && cat soft | head -n 1
ls -l soft | awk '{ print $1, $NF }'
touch -d '2001-02-03 04:05:06' f3 && stat -c %Y f3 && date -u -r f3 +%F
chmod 640 f3 && stat -c '%a %A' f3
chmod u+x,g-r f3 && stat -c %a f3
mkdir -p d1/d2/d3 && find d1 | sort
rmdir d1/d2/d3 && find d1 -type d | sort
touch d1/d2/x.c d1/y.c d1/z.h
find d1 -name '*.c' | sort
truncate -s 10000 big && stat -c %s big && wc -c <big
dd if=/dev/zero of=zero bs=512 count=8 2>/dev/null && stat -c %s zero
dd if=fruit bs=1 skip=5 count=5 2>/dev/null; echo
dd if=fruit of=part bs=4 count=2 conv=notrunc 2>&1 | head -n 1
head -c 100000 /dev/zero | wc -c
head -c 16 /dev/urandom | wc -c
cat /dev/null | wc -c
echo lost >/dev/null && echo devnull
echo full >/dev/full 2>/dev/null || echo "dev/full refuses"
du -s d1 | cut -f 2
rm -r d1 && [ ! -e d1 ] && echo removed
rm f1 && ls f1 2>&1 | sed 's/^ls: //'
head -n 2 fruit >part.1 && tail -n +3 fruit >part.2 && cat part.1 part.2 | cmp - fruit && echo rejoined
tar cf t.tar fruit one two && tar tf t.tar
mkdir x && tar xf t.tar -C x && cmp fruit x/fruit && echo "tar round trip"
gzip -c fruit >fruit.gz && zcat fruit.gz | cmp - fruit && echo "gzip round trip"
gzip -dc fruit.gz | wc -l
bzip2 -c fruit | bzcat | wc -l
echo fruit | cpio -o -H newc 2>/dev/null | cpio -t 2>/dev/null
t=$(mktemp /tmp/w/tmp.XXXXXX) && [ -f "$t" ] && echo mktemp && rm "$t"
realpath soft
ls -a x | paste -s -d' '
sync && echo synced
ls -l /dev/null /dev/zero | awk '{ print $1, $5, $6, $NF }'
[ -c /dev/tty ] && echo "dev/tty is a character device"
which sh
cd /tmp/w && pwd

section shell
x=$(echo sub); echo "command substitution: $x"
echo "arith $(( (7 + 3) * 2 ))"
for i in 1 2 3; do printf '%s ' "$i"; done; echo
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo "while $i"
case kspace in k*) echo case matched ;; *) echo no ;; esac
f() { local v=$1; echo "function $v $#"; return 5; }; f arg other; echo "returned $?"
(cd /; pwd); pwd
(exit 9); echo "subshell status $?"
{ echo grouped; echo lines; } | wc -l
ls /nonexistent 2>&1 >/dev/null | wc -l
echo append >out; echo more >>out; wc -l <out
cat <<EOF
here-document $x
  indented line
EOF
cat <<'EOF'
quoted $x not expanded
EOF
read a b <<EOF
first second third
EOF
echo "read: $a / $b"
exec 3>fd3; echo "via fd 3" >&3; exec 3>&-; cat fd3
exec 4<fruit; read line <&4; echo "fd 4: $line"; exec 4<&-
trap 'echo trapped USR1' USR1; kill -USR1 $$; trap - USR1
(trap 'echo "exit trap"' EXIT; echo in trap subshell)
sleep 0 & wait $!; echo "background status $?"
sh -c 'exit 3' & wait $!; echo "background exit $?"
false | true; echo "pipeline status $?"
set -- a b c; shift; echo "positional $# $*"
echo ${undefined:-default} ${#x}
v=hello.tar.gz; echo ${v%%.*} ${v#*.} ${v%.gz}
sh -c 'echo nested $0 $1' zero one
echo 'echo from a script' >s.sh && sh s.sh
printf 'line1\nline2\n' | while read l; do echo "got $l"; done
eval 'echo evaluated'
type cd | head -n 1
command -v echo
kill -0 $$ && echo "kill -0 self"
sh -c 'kill -TERM $$'; echo "killed status $?"
ulimit -n
test -t 0 && echo "stdin is a tty"

section system
id
whoami
hostname kspace-test && hostname
uname -m
uname -r | grep -c '^[0-9]'
ps -o comm | grep -c '^ps$'
ps | awk 'NR == 1 { print $1, $2 }'
positive "$(dmesg | wc -l)" "dmesg lines"
free | awk 'NR == 1 { print $1, $2, $3 } NR == 2 { print $1 }'
uptime | grep -c 'load average'
grep -c '^proc /proc proc' /proc/mounts
df | awk 'NR == 1 { print $1 }'
positive "$(grep -c ^processor /proc/cpuinfo)" "processors"
grep -c MemTotal /proc/meminfo
awk '{ print NF }' /proc/loadavg
awk '{ print NF }' /proc/uptime
head -n 1 /proc/stat | awk '{ print $1 }'
cat /proc/self/stat | awk '{ print $3 }'
tr '\0' ' ' </proc/self/cmdline; echo
readlink /proc/self/exe
grep '^Name:' /proc/self/status | tr -s '\t ' ' '
date -u -d @86400 '+%Y-%m-%d %H:%M:%S'
date -u -d '2000-01-01 12:00' +%s
cal 2 2024 | head -n 3 | tail -n 1
echo "TZ=$TZ"
env -i FOO=bar env
sleep 0.01 && echo slept
nproc | shape
echo "busybox-applets: done"
