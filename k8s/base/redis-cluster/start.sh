#!/bin/sh
# Starts one node of the Redis Cluster. The cluster bus knows its nodes by IP (in nodes.conf), and a
# pod's IP changes whenever it is recreated. So before starting, write each node's current IP into
# nodes.conf: this pod's own (POD_IP), and each peer's resolved from the hostname it announces
# (<pod>.redis-cluster, which the headless Service publishes before the pod is ready). A node, or the
# whole cluster, started again on new IPs then finds its peers. (IPv4 pod addresses.)
set -eu
conf=/data/nodes.conf
if [ -f "$conf" ]; then
  updated="$conf.updated"
  : >"$updated"
  # A line: <id> <ip:port@busport,hostname[,…]> <flags> …; the last one: vars currentEpoch …
  while read -r id address rest || [ -n "$id" ]; do
    if [ "$id" != vars ]; then
      ip=""
      case ",$rest" in
        *myself*) ip=$POD_IP ;;
        *)
          host=$(echo "$address" | cut -s -d, -f2)
          if [ -n "$host" ]; then ip=$(getent ahostsv4 "$host" | awk '{ print $1; exit }') || ip=""; fi
          ;;
      esac
      if [ -n "$ip" ]; then address="$ip:${address#*:}"; fi
    fi
    echo "$id $address $rest" >>"$updated"
  done <"$conf"
  mv "$updated" "$conf"
fi
exec redis-server /etc/redis/redis.conf --cluster-announce-hostname "$POD_NAME.redis-cluster"
