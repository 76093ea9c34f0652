#!/bin/bash
# Records what the real tcpdump (4.99.3 / libpcap 1.10.3 on Debian 12)
# prints for the forms src-sim/shell/commands/tcpdump-forms.test.ts pins:
# two throwaway network namespaces joined by a veth (198.51.100.1 and
# 198.51.100.2), the capture on .2 while .1 pings, arpings or curls it.
# Needs root. Every run is bounded by `timeout`; the namespaces are removed
# on exit. Output: one NAME.out (stdout) and NAME.err (stderr, exit status)
# per form in the directory given (default ./tcpdump-recorded).
set -u
OUT=$(realpath -m "${1:-./tcpdump-recorded}")
mkdir -p "$OUT"
A=tcpdrecA$$
B=tcpdrecB$$
cleanup() { ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; }
trap cleanup EXIT
ip netns add $A
ip netns add $B
ip link add veth0 netns $A type veth peer name eth0 netns $B
ip -n $A link set veth0 name eth0
ip -n $A link set eth0 address 02:00:00:00:00:0a
ip -n $B link set eth0 address 02:00:00:00:00:0b
ip -n $A addr add 198.51.100.1/24 dev eth0
ip -n $B addr add 198.51.100.2/24 dev eth0
for n in $A $B; do ip -n $n link set lo up; ip -n $n link set eth0 up; done
sleep 1

# run NAME "tcpdump arguments" "traffic": the capture in B, the traffic after a second.
run() {
  local name=$1 args=$2 traffic=$3
  ( cd "$OUT" && timeout 6 ip netns exec $B tcpdump $args >"$OUT/$name.out" 2>"$OUT/$name.err"; echo "rc=$?" >>"$OUT/$name.err" ) &
  local pid=$!
  sleep 1
  eval "$traffic" >/dev/null 2>&1
  wait $pid
}
PING="ip netns exec $A ping -c 1 -W 1 198.51.100.2"
SELF="ip netns exec $B ping -c 1 -W 1 198.51.100.2"
FLUSH="ip -n $A neigh flush dev eth0"
run nn "-nn -c 2 -i eth0 icmp" "$PING"
run any "-nn -c 2 -i any icmp" "$PING"
run any_e "-nn -e -c 2 -i any icmp" "$PING"
run any_lo_e "-nn -e -c 2 -i any icmp" "$SELF"
run any_lo_e_names "-e -c 2 -i any icmp" "$SELF"
run arp "-i eth0 -nn -c 2 arp" "$FLUSH; $PING"
run any_arp_e "-i any -nn -e -c 2 arp" "$FLUSH; $PING"
run any_bcast "-i any -nn -c 1 arp" "ip netns exec $A arping -c 1 -I eth0 198.51.100.2"
run port80 "-nn -i eth0 -c 2 port 80" "ip netns exec $A curl -s -m 1 http://198.51.100.2/"
run vvv "-nnvvv -i eth0 -c 2 icmp" "$PING"
for form in A X x xx XX; do run "$form" "-nn -$form -i eth0 -c 2 icmp" "$PING"; done
run anyXX "-nn -XX -i any -c 1 icmp" "$PING"
run s0 "-nn -s 0 -i eth0 -c 1 icmp" "$PING"
run s64 "-nn -s 64 -i eth0 -c 1 -X icmp" "$PING"
for form in tt ttt tttt ttttt; do run "$form" "-nn -$form -i eth0 -c 2 icmp" "$PING"; done
run number "-nn --number -i eth0 -c 2 icmp" "$PING"
run hash "-nn -# -i eth0 -c 2 icmp" "$PING"
run p "-nn -p -i eth0 -c 2 icmp" "$PING"
for q in in out inout sideways; do run "Q$q" "-nn -Q $q -i eth0 -c 2 icmp" "$PING"; done
run w "-nn -c 2 -i eth0 -w $OUT/x.pcap icmp" "$PING"
run wprint "-nn -c 2 -i eth0 -w $OUT/y.pcap --print icmp" "$PING"
run wany "-nn -c 2 -i any -w $OUT/any.pcap icmp" "$PING"
ip netns exec $B tcpdump -D >"$OUT/D.out" 2>&1
ip -n $B link add eth1 type veth peer name eth2
ip -n $B link set eth2 up
ip netns exec $B tcpdump -D >"$OUT/D_down.out" 2>&1
for f in x.pcap any.pcap; do
  ls -l "$OUT/$f" >"$OUT/r_$f.out"
  ip netns exec $B tcpdump -nn -e -r "$OUT/$f" >>"$OUT/r_$f.out" 2>&1
done
printf 'hello world this is text file more than 24 bytes\n' >"$OUT/t.txt"
printf 'hi\n' >"$OUT/short.txt"
for f in t.txt short.txt nonexist.pcap; do tcpdump -r "$OUT/$f" >"$OUT/r_$f.out" 2>&1; done
